// random model file (seed 0, #19), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_19 {
	Layer L0 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { K: 8, C: 3, R: 1, S: 1, Y: 25, X: 10 }
	}
	Layer L1 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 3, K: 8, C: 8, R: 3, S: 3, Y: 29, X: 5 }
	}
	Layer L2 {
		Type: CONV
		Stride { X: 2, Y: 2 }
		Dimensions { N: 2, K: 8, C: 32, R: 1, S: 1, Y: 27, X: 10 }
	}
	Layer L3 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 2, K: 64, C: 8, R: 1, S: 1, Y: 34, X: 4 }
	}
}
