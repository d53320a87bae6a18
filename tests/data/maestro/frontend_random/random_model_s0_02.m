// random model file (seed 0, #2), written by experiments/maestro_reference/run_maestro.py --random-models 24 --seed 0
Network random_model_s0_02 {
	Layer L0 {
		Type: CONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 4, K: 64, C: 8, R: 1, S: 1, Y: 31, X: 5 }
	}
	Layer L1 {
		Type: CONV
		Stride { X: 2, Y: 2 }
		Dimensions { K: 96, C: 64, R: 1, S: 3, Y: 34, X: 20 }
	}
	Layer L2 {
		Type: NGCONV
		Stride { X: 1, Y: 1 }
		Dimensions { N: 2, G: 2, K: 16, C: 16, R: 7, S: 7, Y: 29, X: 12 }
	}
}
